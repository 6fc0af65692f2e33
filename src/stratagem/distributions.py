"""Probability distributions for uncertain parameters and initial conditions.

Each distribution is a small, frozen pydantic model that validates its own arguments and samples
vectorized draws from a :class:`numpy.random.Generator`. In scenario files a distribution is a
mapping with a ``distribution`` key (or just ``value`` for a fixed number)::

    sspk: {distribution: beta, alpha: 9, beta: 8, source: "8 hits in 15 GMD tests (2013)"}
    shots_per_warhead: {value: 4, source: "leaked 2000-era NMD plans"}
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from scipy import special

__all__ = [
    "Beta",
    "Categorical",
    "Distribution",
    "Fixed",
    "LogNormal",
    "Normal",
    "Triangular",
    "TruncatedNormal",
    "Uniform",
]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw ``size`` independent values."""
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def describe(self) -> str:
        """A short human-readable form, e.g. ``beta(9, 8)``."""
        args = ", ".join(f"{v:g}" for k, v in self.model_dump().items() if k != "distribution")
        return f"{self.model_dump()['distribution']}({args})"

    @property
    def mean(self) -> float:
        """The mean of the distribution."""
        raise NotImplementedError  # pragma: no cover


class Fixed(_Base):
    """A known constant."""

    distribution: Literal["fixed"] = "fixed"
    value: float

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Return ``size`` copies of the value (consumes no random numbers)."""
        return np.full(size, self.value, dtype=np.float64)

    def describe(self) -> str:
        """The value itself."""
        return f"{self.value:g}"

    @property
    def mean(self) -> float:
        """The value."""
        return self.value


class Uniform(_Base):
    """Uniform on ``[low, high]``."""

    distribution: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be less than high ({self.high:g})")
        return self

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw uniform values."""
        return generator.uniform(self.low, self.high, size)

    @property
    def mean(self) -> float:
        """``(low + high) / 2``."""
        return (self.low + self.high) / 2


class Triangular(_Base):
    """Triangular on ``[low, high]`` with peak at ``mode``."""

    distribution: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise ValueError(
                f"need low <= mode <= high and low < high, got {self.low:g}, {self.mode:g}, "
                f"{self.high:g}"
            )
        return self

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw triangular values."""
        return generator.triangular(self.low, self.mode, self.high, size)

    @property
    def mean(self) -> float:
        """``(low + mode + high) / 3``."""
        return (self.low + self.mode + self.high) / 3


class Normal(_Base):
    """Normal with mean ``mean`` and standard deviation ``sd``."""

    distribution: Literal["normal"]
    mean_: float = Field(alias="mean")
    sd: float = Field(gt=0)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw normal values."""
        return generator.normal(self.mean_, self.sd, size)

    def describe(self) -> str:
        """``normal(mean, sd)``."""
        return f"normal({self.mean_:g}, {self.sd:g})"

    @property
    def mean(self) -> float:
        """The mean."""
        return self.mean_


class TruncatedNormal(_Base):
    """Normal(``mean``, ``sd``) truncated to ``[low, high]``, sampled by inverse CDF."""

    distribution: Literal["truncated_normal"]
    mean_: float = Field(alias="mean")
    sd: float = Field(gt=0)
    low: float
    high: float

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ordered(self) -> TruncatedNormal:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be less than high ({self.high:g})")
        return self

    def _cdf_bounds(self) -> tuple[float, float]:
        a = (self.low - self.mean_) / self.sd
        b = (self.high - self.mean_) / self.sd
        return float(special.ndtr(a)), float(special.ndtr(b))

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw by inverting the normal CDF between the bounds."""
        lo, hi = self._cdf_bounds()
        u = lo + (hi - lo) * generator.random(size)
        values = self.mean_ + self.sd * np.asarray(special.ndtri(u), dtype=np.float64)
        return np.clip(values, self.low, self.high)

    def describe(self) -> str:
        """``truncated_normal(mean, sd, low, high)``."""
        return f"truncated_normal({self.mean_:g}, {self.sd:g}, {self.low:g}, {self.high:g})"

    @property
    def mean(self) -> float:
        """Mean of the truncated distribution."""
        a = (self.low - self.mean_) / self.sd
        b = (self.high - self.mean_) / self.sd
        lo, hi = self._cdf_bounds()
        phi = (np.exp(-0.5 * a * a) - np.exp(-0.5 * b * b)) / np.sqrt(2 * np.pi)
        return float(self.mean_ + self.sd * phi / (hi - lo))


class LogNormal(_Base):
    """Log-normal with the given ``median`` and log-scale standard deviation ``sigma``."""

    distribution: Literal["lognormal"]
    median: float = Field(gt=0)
    sigma: float = Field(gt=0)

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw log-normal values."""
        return generator.lognormal(np.log(self.median), self.sigma, size)

    @property
    def mean(self) -> float:
        """``median * exp(sigma^2 / 2)``."""
        return float(self.median * np.exp(self.sigma**2 / 2))


class Beta(_Base):
    """Beta(``alpha``, ``beta``) rescaled to ``[low, high]`` (default ``[0, 1]``)."""

    distribution: Literal["beta"]
    alpha: float = Field(gt=0)
    beta: float = Field(gt=0)
    low: float = 0.0
    high: float = 1.0

    @model_validator(mode="after")
    def _ordered(self) -> Beta:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be less than high ({self.high:g})")
        return self

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw beta values."""
        return self.low + (self.high - self.low) * generator.beta(self.alpha, self.beta, size)

    def describe(self) -> str:
        """``beta(alpha, beta)`` plus the range when it is not [0, 1]."""
        if (self.low, self.high) == (0.0, 1.0):
            return f"beta({self.alpha:g}, {self.beta:g})"
        return f"beta({self.alpha:g}, {self.beta:g}) on [{self.low:g}, {self.high:g}]"

    @property
    def mean(self) -> float:
        """Mean of the rescaled beta."""
        return self.low + (self.high - self.low) * self.alpha / (self.alpha + self.beta)


class Categorical(_Base):
    """One of ``values`` with probabilities proportional to ``weights`` (equal by default)."""

    distribution: Literal["categorical"]
    values: list[float] = Field(min_length=1)
    weights: list[float] | None = None

    @model_validator(mode="after")
    def _weights(self) -> Categorical:
        if self.weights is not None:
            if len(self.weights) != len(self.values):
                raise ValueError(
                    f"weights has {len(self.weights)} entries but values has {len(self.values)}"
                )
            if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
                raise ValueError("weights must be non-negative and not all zero")
        return self

    def _probabilities(self) -> NDArray[np.float64]:
        w = np.ones(len(self.values)) if self.weights is None else np.asarray(self.weights)
        return np.asarray(w / w.sum(), dtype=np.float64)

    def sample(self, generator: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw values by inverse CDF on the weights."""
        cdf = np.cumsum(self._probabilities())
        index = np.searchsorted(cdf, generator.random(size) * cdf[-1], side="right")
        values = np.asarray(self.values, dtype=np.float64)
        return np.asarray(values[np.minimum(index, len(self.values) - 1)], dtype=np.float64)

    def describe(self) -> str:
        """``categorical([..], weights [..])``."""
        values = ", ".join(f"{v:g}" for v in self.values)
        if self.weights is None:
            return f"categorical({values})"
        return f"categorical({values}; weights {', '.join(f'{w:g}' for w in self.weights)})"

    @property
    def mean(self) -> float:
        """Probability-weighted mean of the values."""
        return float(np.dot(self._probabilities(), self.values))


def _tag(data: Any) -> str:
    if isinstance(data, dict):
        if "distribution" in data:
            return str(data["distribution"])
        return "fixed"
    return str(getattr(data, "distribution", "fixed"))


DISTRIBUTION_NAMES = (
    "fixed",
    "uniform",
    "triangular",
    "normal",
    "truncated_normal",
    "lognormal",
    "beta",
    "categorical",
)

Distribution: TypeAlias = Annotated[
    Annotated[Fixed, Tag("fixed")]
    | Annotated[Uniform, Tag("uniform")]
    | Annotated[Triangular, Tag("triangular")]
    | Annotated[Normal, Tag("normal")]
    | Annotated[TruncatedNormal, Tag("truncated_normal")]
    | Annotated[LogNormal, Tag("lognormal")]
    | Annotated[Beta, Tag("beta")]
    | Annotated[Categorical, Tag("categorical")],
    Discriminator(_tag),
]
"""Any of the distributions above, chosen by the ``distribution`` key."""

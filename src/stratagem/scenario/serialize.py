"""Write scenarios back to YAML: the inverse of loading, used for results and round-trips."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

from stratagem.scenario.document import ParameterSetting, ScenarioDocument


def setting_to_data(setting: ParameterSetting) -> dict[str, Any]:
    """A parameter setting as it is written in a file (distribution fields beside provenance)."""
    spec = setting.dist if setting.dist is not None else setting.forecast_spec
    if spec is None:  # pragma: no cover - the document's validator forbids it
        raise ValueError("a setting needs a distribution or a forecast")
    data: dict[str, Any] = spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    if data.get("distribution") == "fixed":
        data.pop("distribution")
    for key in ("source", "assumption"):
        value = getattr(setting, key)
        if value is not None:
            data[key] = value
    return data


def document_to_data(document: ScenarioDocument) -> dict[str, Any]:
    """Plain data that :func:`stratagem.load` reads back into an equal document."""
    data: dict[str, Any] = document.model_dump(
        mode="json", by_alias=True, exclude={"state", "mechanisms"}, exclude_none=True
    )
    data["state"] = {k: setting_to_data(v) for k, v in document.state.items()}
    data["mechanisms"] = {
        name: {
            "enabled": config.enabled,
            **({"rule": config.rule} if config.rule is not None else {}),
            **({"game": config.game} if config.game is not None else {}),
            "parameters": {k: setting_to_data(v) for k, v in config.parameters.items()},
        }
        for name, config in document.mechanisms.items()
    }
    order = [
        "stratagem",
        "metadata",
        "actors",
        "levers",
        "state",
        "mechanisms",
        "strategies",
        "baseline",
        "headline",
        "summary_outcomes",
        "outcomes",
        "trajectories",
        "negotiations",
    ]
    return {k: data[k] for k in order if k in data}


def to_yaml(data: Any) -> str:
    """Serialize plain data as block-style YAML."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 100
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()

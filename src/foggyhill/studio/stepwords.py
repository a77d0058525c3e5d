"""explain_step in words and numbers: each layer forward, the loss, every slope by the chain rule, and each update
`new = old − speed × slope`. The text shows a readable part; the effect's data holds every number."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..lang import N_, _, say
from ..nn import Dataset, Network
from ..nn.explain import LayerStep, Step

SHOWN_VALUES = 6  # values of a list written out before "…"
SHOWN_WEIGHTS = 3  # weights per layer written out: the steepest

OUTPUT_SLOPE = {  # translated where shown
    "softmax": N_("chance − 1 for the right class, the chance for the others"),
    "sigmoid": N_("chance of the second class − 1 if it is the right one (else − 0)"),
    "linear": N_("2 × (output − target), both on the training scale"),
}


def num(value: float) -> str:
    """A number short enough to read in a line of sums (written as the program writes numbers, in every language:
    the lists' commas separate values)."""
    return f"{value:.4g}"


def listed(values: np.ndarray) -> str:
    """[a, b, c, …] with at most SHOWN_VALUES written out."""
    parts = [num(v) for v in values[:SHOWN_VALUES]]
    more = ", … " + say("({count} values)", count=str(len(values))) if len(values) > SHOWN_VALUES else ""
    return "[" + ", ".join(parts) + more + "]"


def step_report(step: Step, net: Network, data: Dataset, name: str, speed_from: str) -> tuple[str, dict[str, Any]]:
    """The step as text for a person and as data for the page."""
    target = target_words(step, net, data)
    lines = [
        say(
            "one step of {name} on {data}, row {row} ({target_name} {target}), speed {speed} ({speed_from})",
            name=name,
            data=data.name,
            row=step.row + 1,
            target_name=data.target_name,
            target=target,
            speed=num(step.speed),
            speed_from=speed_from,
        ),
        _("explain_step changes no weight: the network stays as it was"),
        _("forward:"),
        "  " + say("inputs, scaled as in training: {values}", values=listed(step.layers[0].x)),
    ]
    for number, (layer, spec) in enumerate(zip(step.layers, net.specs, strict=True), start=1):
        lines += forward_lines(number, layer, spec.kind, spec.role)
    lines += output_lines(step, net, data)
    lines.append(
        _("backward, by the chain rule: a weight's slope = upstream slope × local slope (the value coming in)")
    )
    for number in range(len(step.layers), 0, -1):
        lines += backward_lines(step, number, net.specs[number - 1].kind)
    total = net.n_parameters
    lines.append(
        say(
            "shown: each layer's {count} steepest weights and steepest bias, of {total}",
            count=SHOWN_WEIGHTS,
            total=total,
        )
    )
    lines.append(_("(--json and the page have every one)"))
    return "\n".join(lines), step_data(step, net, data, name, speed_from)


def forward_lines(number: int, layer: LayerStep, kind: str, role: str) -> list[str]:
    """One layer forward: z = x · W + b, then the activation (the output layer's head comes after)."""
    head = "  " + say(
        "layer {number} ({role} {size} {kind}): z = x · W + b = {z}",
        number=number,
        role=role,
        size=len(layer.z),
        kind=kind,
        z=listed(layer.z),
    )
    if role == "output":
        return [head]
    return [head, f"    a = {kind}(z) = {listed(layer.a)}"]


def target_words(step: Step, net: Network, data: Dataset) -> str:
    """The row's target as the learner knows it: a class name, or a number in its units."""
    if data.classes is not None:
        return data.classes[int(step.target)]
    s = net.scaling
    spread, mean = (s.target_spread, s.target_mean) if s is not None else (float(data.y.std()) or 1.0, data.y.mean())
    return num(step.target * spread + float(mean))


def output_lines(step: Step, net: Network, data: Dataset) -> list[str]:
    """What the head makes of the output, and the loss in a sum."""
    kind, loss = net.output.kind, step.loss
    if data.classes is None:
        z = float(step.layers[-1].z[0])
        return [
            say(
                "loss (mean squared error) = (output − target)² = ({output} − {target})² = {loss}, "
                "on the training scale",
                output=num(z),
                target=num(step.target),
                loss=f"{loss:.4f}",
            )
        ]
    chances = step.answer if kind == "softmax" else np.array([1 - step.answer[0], step.answer[0]])
    right = int(step.target)
    pairs = ", ".join(f"{c} {num(p)}" for c, p in zip(data.classes, chances, strict=True))
    return [
        "    " + say("chances ({kind}): {pairs}", kind=kind, pairs=pairs),
        say(
            "loss ({loss_name}) = −log(chance of the right class, {right} {chance}) = {loss}",
            loss_name=_(net.head.loss_name),
            right=data.classes[right],
            chance=num(chances[right]),
            loss=f"{loss:.4f}",
        ),
    ]


def backward_lines(step: Step, number: int, kind: str) -> list[str]:
    """One layer backward: its slopes for z, then its steepest weights and bias, each with its update."""
    layer = step.layers[number - 1]
    if number == len(step.layers):
        head = say("layer {number}: slope for z = {formula}", number=number, formula=_(OUTPUT_SLOPE[kind]))
        lines = ["  " + head, f"    = {listed(layer.slope_z)}"]
    else:
        lines = [
            "  "
            + say(
                "layer {number}: slope for a = the slopes for z above, sent back through their weights", number=number
            ),
            f"    = {listed(layer.slope_a)}",
            "    " + say("slope for z = slope for a × {kind}'(z), the activation's local slope, which is", kind=kind),
            f"      {listed(layer.local)}",
            f"    = {listed(layer.slope_z)}",
        ]
    new_W, new_b = step.new_W(number - 1), step.new_b(number - 1)
    steepest = np.argsort(-np.abs(layer.slope_W), axis=None, kind="stable")[:SHOWN_WEIGHTS]
    for flat in steepest.tolist():
        i, j = np.unravel_index(flat, layer.W.shape)
        sums = {"i": i + 1, "j": j + 1, "upstream": num(layer.slope_z[j]), "x": num(layer.x[i])}
        slope = num(layer.slope_W[i, j])
        if number == 1:
            said = say(
                "weight [{i}, {j}]: slope = {upstream} (z{j}'s) × {x} (input {i} coming in) = {slope}",
                slope=slope,
                **sums,
            )
        else:
            said = say(
                "weight [{i}, {j}]: slope = {upstream} (z{j}'s) × {x} (a{i} coming in) = {slope}", slope=slope, **sums
            )
        lines += ["    " + said, "      " + update(layer.W[i, j], step.speed, layer.slope_W[i, j], new_W[i, j])]
    j = int(np.argmax(np.abs(layer.slope_b)))
    slope = num(layer.slope_b[j])
    lines += [
        "    " + say("bias {j}: slope = {slope} (z{j}'s) × 1 = {slope}", j=j + 1, slope=slope),
        "      " + update(layer.b[j], step.speed, layer.slope_b[j], new_b[j]),
    ]
    return lines


def update(old: float, speed: float, slope: float, new: float) -> str:
    """One weight's update as a sum: new = old − speed × slope."""
    return say(
        "new = {old} − {speed} × {slope} = {new}", old=num(old), speed=num(speed), slope=num(slope), new=num(new)
    )


def step_data(step: Step, net: Network, data: Dataset, name: str, speed_from: str) -> dict[str, Any]:
    """Every number of the step, JSON-ready, layers and neurons counted from 1 in the order of `layers`."""
    layers = []
    for number, (layer, spec) in enumerate(zip(step.layers, net.specs, strict=True)):
        layers.append(
            {
                "number": number + 1,
                "role": spec.role,
                "kind": spec.kind,
                "size": spec.size,
                "x": layer.x.tolist(),
                "z": layer.z.tolist(),
                "a": layer.a.tolist(),
                "slope_a": layer.slope_a.tolist(),
                "local": layer.local.tolist(),
                "slope_z": layer.slope_z.tolist(),
                "weights": layer.W.tolist(),
                "slopes": layer.slope_W.tolist(),
                "new_weights": step.new_W(number).tolist(),
                "biases": layer.b.tolist(),
                "bias_slopes": layer.slope_b.tolist(),
                "new_biases": step.new_b(number).tolist(),
            }
        )
    return {
        "network": name,
        "dataset": data.name,
        "row": step.row + 1,
        "speed": step.speed,
        "speed_from": speed_from,
        "changes_network": False,
        "inputs": list(data.feature_names),
        "raw": step.raw.tolist(),
        "target": data.target_words(step.row + 1)[step.row],
        "classes": data.classes,
        "answer": step.answer.tolist(),
        "loss": step.loss,
        "loss_name": net.head.loss_name,
        "layers": layers,
    }

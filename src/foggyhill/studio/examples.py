"""Example programs, by the name a page or a link uses (`/studio?example=fruits`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import N_, _


@dataclass(frozen=True)
class Example:
    """A named example: a title for the picker, a line on what it shows, and the program."""

    name: str
    title: str
    about: str
    source: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready."""
        return {"name": self.name, "title": _(self.title), "about": _(self.about), "source": self.source}


FRUITS = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 30, speed: 0.1
plot_training net
"""

LEMONADE = """# Temperature → cups of lemonade sold.
# No hidden layer and a linear output: the network is a straight line.
cups = load "lemonade"
show cups
line = make_network
  layer input from cups
  layer output size 1 kind linear
end
train_network line, on: cups, rounds: 40, speed: 0.05
plot_training line
predict line, [[20], [30]]
"""

CHECKERBOARD = """# One straight line cannot split a checkerboard:
# try removing the hidden layer and see the accuracy stall.
board = load "checkerboard"
net = make_network
  layer input from board
  layer hidden size 16 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: board, rounds: 150, speed: 0.05, optimizer: adam
plot_training net
plot_boundary net, on: board
plot_network net
evaluate net, on: board
"""

SPIRALS = """# Two spirals wound into each other: a long run. Watch the loss, and press Stop whenever you like.
arms = load "spirals"
net = make_network
  layer input from arms
  layer hidden size 32 kind tanh
  layer hidden size 32 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: arms, rounds: 500, speed: 0.01, batch: 16, optimizer: adam
plot_training net
plot_boundary net, on: arms
evaluate net, on: arms
"""

DIGITS = """# Handwritten digits: each row is an 8 × 8 picture, 64 pixels, and the digit it shows.
digits = load "digits"
show digits
net = make_network
  layer input from digits
  layer hidden size 32 kind relu
  layer output size 10 kind softmax
end
train_network net, on: digits, rounds: 10, speed: 0.1
plot_training net
evaluate net, on: digits
explain_step net, on: digits, row: 1
"""

SPEEDS = """# The same network at two speeds: the loss per round shows which one rolls downhill faster.
data = load "fruits"
slow = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
fast = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
train_network slow, on: data, rounds: 30, speed: 0.01
train_network fast, on: data, rounds: 30, speed: 0.5
evaluate slow, on: data
evaluate fast, on: data
plot_training fast
"""

EXAMPLES: dict[str, Example] = {
    e.name: e
    for e in (
        Example(
            "fruits",
            N_("Fruits"),
            N_("Tell apples, mandarins, oranges and lemons apart from four measurements."),
            FRUITS,
        ),
        Example(
            "lemonade", N_("Lemonade"), N_("Fit a straight line: how many cups sell at each temperature."), LEMONADE
        ),
        Example("checkerboard", N_("Checkerboard"), N_("A pattern one straight line cannot split."), CHECKERBOARD),
        Example("spirals", N_("Spirals (long)"), N_("A long run on two interleaved spirals: try Stop."), SPIRALS),
        Example("speeds", N_("Two speeds"), N_("The same network trained slowly and quickly."), SPEEDS),
        Example("digits", N_("Digits"), N_("Read handwritten digits from 8 × 8 pictures of 64 pixels."), DIGITS),
    )
}

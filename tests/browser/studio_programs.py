"""Studio programs the browser tests type into the editor."""

# A mistake on its last line ("rounds = 30" where "rounds: 30" belongs), after a network worth training.
MISTAKE = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds = 30, speed: 0.1
"""

# Spirals drawn live: plot_network and plot_boundary before the training, so the rounds carry pictures; 1,152
# weights, so the engine sends the 1,000 largest; a few seconds of training, so a test sees it grow.
SPIRALS_LIVE = """arms = load "spirals"
net = make_network
  layer input from arms
  layer hidden size 32 kind tanh
  layer hidden size 32 kind tanh
  layer output size 2 kind softmax
end
plot_network net
plot_boundary net, on: arms
train_network net, on: arms, rounds: 500, speed: 0.01, batch: 8, optimizer: adam
evaluate net, on: arms
"""

# A checkerboard network small enough to read, drawn after a short training.
BOARD = """board = load "checkerboard"
net = make_network
  layer input from board
  layer hidden size 6 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: board, rounds: 40, speed: 0.5
plot_network net
plot_boundary net, on: board
evaluate net, on: board
"""

# Digits after two rounds: good, not perfect, so there are pictures it got wrong.
DIGITS = """digits = load "digits"
show digits
net = make_network
  layer input from digits
  layer hidden size 32 kind relu
  layer output size 10 kind softmax
end
train_network net, on: digits, rounds: 2, speed: 0.1
evaluate net, on: digits
"""

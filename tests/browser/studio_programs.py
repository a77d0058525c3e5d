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

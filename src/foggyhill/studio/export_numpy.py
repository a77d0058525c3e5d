"""The numpy script's own parts: the network, its losses, the update rules and the training loop, written as the
engine (nn/, core/optimizers.py) computes them, operation for operation, so the losses match to the last digit."""

from __future__ import annotations

from ..core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM

NAME = "numpy"
NEEDS = "numpy"
PROMISE = "every round's loss is the one `foggyhill run` prints, to the last digit: the same numbers in the same order."
IMPORTS = "import math\nimport sys\n\nimport numpy as np\n"

SQUASHES = {
    "relu": '''def relu(z):
    """max(0, z)."""
    return np.maximum(z, 0.0)


def relu_slope(z, a):
    """1 where z > 0, else 0."""
    return (z > 0).astype(z.dtype)
''',
    "tanh": '''def tanh_slope(z, a):
    """The slope of tanh: 1 - a²."""
    return 1.0 - a * a
''',
    "sigmoid": '''def sigmoid_slope(z, a):
    """The slope of the sigmoid: a (1 - a)."""
    return a * (1.0 - a)
''',
    "linear": '''def linear(z):
    """z itself: no squashing."""
    return z


def linear_slope(z, a):
    """1 everywhere."""
    return np.ones_like(z)
''',
}
SQUASH_PAIRS = {
    "relu": "(relu, relu_slope)",
    "tanh": "(np.tanh, tanh_slope)",
    "sigmoid": "(sigmoid, sigmoid_slope)",
    "linear": "(linear, linear_slope)",
}

SIGMOID = '''def sigmoid(z):
    """1 / (1 + e^-z), written so that a large |z| never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
'''

NETWORK = '''class Layer:
    """One dense layer: z = x W + b, then a = f(z)."""

    def __init__(self, W, squash):
        self.W, self.b = W, np.zeros(W.shape[1])
        self.squash = squash


class Network:
    """Dense layers in a row; the output layer's scores go to the loss, which applies its own squash."""

    def __init__(self, n_inputs, layers):
        """`layers`: (role, size, kind) for every layer after the input, the output layer last."""
        rng = np.random.default_rng(0)  # Studio starts every network from seed 0: same layers, same weights
        self.output_kind = layers[-1][2]
        self.layers = []
        for role, size, kind in layers:
            squash = kind if role == "hidden" else "linear"  # softmax or sigmoid comes with the loss, below
            # He scaling for relu, Xavier (Glorot) for the others: the signal keeps its size from layer to layer.
            spread = 2.0 / n_inputs if squash == "relu" else 2.0 / (n_inputs + size)
            self.layers.append(Layer(rng.normal(0.0, np.sqrt(spread), size=(n_inputs, size)), squash))
            n_inputs = size
        self.scaling = None  # set by the first training (how the features were scaled), kept for predict
        self.classes = None
        self.losses, self.accuracies = [], []  # every round's, across trainings, for plot_training

    def forward(self, x):
        """The output layer's scores for rows x that are already scaled; each layer keeps what backward needs."""
        for layer in self.layers:
            # The bias is the weight of one more input that is always 1: [x 1] [W; b] is x W + b in one product.
            layer.x = np.hstack([x, np.ones((len(x), 1))])
            layer.z = layer.x @ np.vstack([layer.W, layer.b])
            layer.a = SQUASH[layer.squash][0](layer.z)
            x = layer.a
        return x

    def backward(self, slope):
        """The chain rule, last layer first: the loss's slope for every weight (dW) and bias (db)."""
        for layer in reversed(self.layers):
            slope_z = slope * SQUASH[layer.squash][1](layer.z, layer.a)
            slope_Wb = layer.x.T @ slope_z  # the 1s make its last row db, slope_z summed over the rows
            layer.dW, layer.db = slope_Wb[:-1], slope_Wb[-1]
            slope = slope_z @ layer.W.T


def scores(net, X):
    """The network's output scores for scaled rows X."""
    return net.forward(X)


def measure(net, X, y):
    """The loss and the accuracy on scaled rows X with targets y."""
    z = net.forward(X)
    return LOSSES[net.output_kind][0](z, y), accuracy(net, z, y)
'''

LOSSES = {
    "softmax": '''def cross_entropy(z, y):
    """Softmax cross-entropy: minus the log of the chance the network gives the right class, averaged."""
    shifted = z - z.max(axis=1, keepdims=True)  # the same answer, and exp() cannot overflow
    log_chances = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_chances[np.arange(len(y)), y].mean())


def cross_entropy_slope(z, y):
    """(chances - 1 for the right class) / rows: softmax and log cancel into this simple slope."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    chances = e / e.sum(axis=1, keepdims=True)
    chances[np.arange(len(y)), y] -= 1.0
    return chances / len(y)
''',
    "sigmoid": '''def binary_cross_entropy(z, y):
    """-[y log p + (1-y) log(1-p)] with p = sigmoid(z), written as log(1 + e^z) - y z: it never takes log(0)."""
    z = z[:, 0]
    return float((np.logaddexp(0.0, z) - y * z).mean())


def binary_cross_entropy_slope(z, y):
    """(p - y) / rows."""
    return (sigmoid(z) - y[:, None]) / len(y)
''',
    "linear": '''def squared_error(z, y):
    """The mean of the squared misses."""
    return float(((z[:, 0] - y) ** 2).mean())


def squared_error_slope(z, y):
    """2 (z - y) / rows."""
    return 2.0 * (z - y[:, None]) / len(y)
''',
}
LOSS_PAIRS = {
    "softmax": "(cross_entropy, cross_entropy_slope)",
    "sigmoid": "(binary_cross_entropy, binary_cross_entropy_slope)",
    "linear": "(squared_error, squared_error_slope)",
}

RULES = {
    "plain": '''def plain_step(w, slope, memory, speed, t):
    """new = old - speed × slope."""
    return w - speed * slope
''',
    "momentum": f'''MOMENTUM = {MOMENTUM!r}  # the share of the last move kept


def momentum_step(w, slope, memory, speed, t):
    """v ← {MOMENTUM!r}·v - speed·slope, then w ← w + v: a heavy ball that keeps most of its last move."""
    velocity = MOMENTUM * memory.get("velocity", np.zeros_like(w)) - speed * slope
    memory["velocity"] = velocity
    return w + velocity
''',
    "adam": f'''BETA1, BETA2 = {ADAM_BETAS[0]!r}, {ADAM_BETAS[1]!r}  # the shares kept of the running slope and slope²
EPSILON = {EPSILON!r}  # added before dividing, so a flat spot never divides by 0


def adam_step(w, slope, memory, speed, t):
    """Momentum on the slope, divided by the root of the running slope²; t counts the steps from 0."""
    m = BETA1 * memory.get("m", np.zeros_like(w)) + (1 - BETA1) * slope
    v = BETA2 * memory.get("v", np.zeros_like(w)) + (1 - BETA2) * slope * slope
    memory["m"], memory["v"] = m, v
    m_hat = m / (1 - BETA1 ** (t + 1))  # m and v start at 0: this warm-up correction undoes that
    v_hat = v / (1 - BETA2 ** (t + 1))
    return w - speed * m_hat / (np.sqrt(v_hat) + EPSILON)
''',
}
RULE_NAMES = {"plain": "plain_step", "momentum": "momentum_step", "adam": "adam_step"}

TRAIN = '''def train(net, data, rounds, speed, batch=32, seed=0, optimizer="plain"):
    """Rounds of shuffled batches; each batch is one step downhill for every weight. Prints each round."""
    X, y = scaled_for_training(net, data)
    size = min(batch, len(X))
    step = RULES[optimizer]
    memory = [{} for _ in range(2 * len(net.layers))]  # what each W and b remembers (momentum, adam): fresh
    rng = np.random.default_rng(seed)  # the shuffles: the same seed cuts the same batches as Studio
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a blow-up is caught below, in words
        limit = 1000.0 * max(measure(net, X, y)[0], 1.0)
        for number in range(1, rounds + 1):
            batches = np.array_split(rng.permutation(len(X)), range(size, len(X), size))
            for t, rows in enumerate(batches, start=(number - 1) * len(batches)):
                # Forward, the loss's slope, backward, then every weight and bias moves downhill.
                net.backward(LOSSES[net.output_kind][1](net.forward(X[rows]), y[rows]))
                for i, layer in enumerate(net.layers):
                    layer.W = step(layer.W, layer.dW, memory[2 * i], speed, t)
                    layer.b = step(layer.b, layer.db, memory[2 * i + 1], speed, t)
            loss, right = measure(net, X, y)
            report_round(net, number, loss, right, limit)
'''

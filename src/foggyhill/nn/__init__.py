"""The small neural-network engine (numpy) and its bundled datasets: what Studio programs train."""

from .activations import ACTIVATIONS, Activation
from .checks import MAX_ROUNDS, MAX_SPEED, MAX_WORK, NN_OPTIMIZERS, OPTIMIZERS, check_fit, check_training, check_work
from .datasets import DATASETS, MAX_CSV_BYTES, MAX_FEATURES, MAX_ROWS, Dataset, load_csv, load_dataset, parse_csv
from .errors import NNError, TrainingDiverged
from .layers import HIDDEN_KINDS, OUTPUT_KINDS, Dense, LayerSpec
from .losses import HEADS, Head
from .network import MAX_INPUTS, MAX_LAYER_SIZE, MAX_LAYERS, Network
from .training import EXPLODE_FACTOR, History, RoundReport, evaluate, predict, train

__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "HEADS",
    "HIDDEN_KINDS",
    "MAX_CSV_BYTES",
    "MAX_FEATURES",
    "MAX_INPUTS",
    "MAX_LAYERS",
    "MAX_LAYER_SIZE",
    "MAX_ROUNDS",
    "MAX_ROWS",
    "MAX_SPEED",
    "MAX_WORK",
    "EXPLODE_FACTOR",
    "NN_OPTIMIZERS",
    "OPTIMIZERS",  # the same tuple as NN_OPTIMIZERS, under the name first exported
    "OUTPUT_KINDS",
    "Activation",
    "Dataset",
    "Dense",
    "Head",
    "History",
    "LayerSpec",
    "NNError",
    "Network",
    "RoundReport",
    "TrainingDiverged",
    "check_fit",
    "check_training",
    "check_work",
    "evaluate",
    "load_csv",
    "load_dataset",
    "parse_csv",
    "predict",
    "train",
]

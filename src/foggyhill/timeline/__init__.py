"""The show laid out in time: the choreography of the runs, spring motion and loss → pitch, as pure functions of t."""

from .choreography import PHASE_NAMES, PHASE_WORDS, PHASES, Phase, RunPlan, StepPlan, Timeline, Tone, build_timeline
from .distance import DistanceScale, readable
from .settings import DEFAULT_SPEEDS, MAX_RUNS, SHOW_FIELDS, TIMING, ShowSettings, parse_show
from .sound import SAMPLE_RATE, Envelope, PitchMapping, envelope_at, mapping_for
from .spring import Spring, spring
from .state import Card, FrameState, RunView, Tangent, state_at

__all__ = [
    "DEFAULT_SPEEDS",
    "MAX_RUNS",
    "SHOW_FIELDS",
    "TIMING",
    "PHASES",
    "PHASE_NAMES",
    "PHASE_WORDS",
    "SAMPLE_RATE",
    "Card",
    "DistanceScale",
    "Envelope",
    "FrameState",
    "Phase",
    "PitchMapping",
    "RunPlan",
    "RunView",
    "ShowSettings",
    "Spring",
    "StepPlan",
    "Tangent",
    "Timeline",
    "Tone",
    "build_timeline",
    "envelope_at",
    "mapping_for",
    "parse_show",
    "readable",
    "spring",
    "state_at",
]

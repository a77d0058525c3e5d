// The steps made audible with the Web Audio API: one synthesized tone per step, its pitch from the server's
// loss → note mapping, the same envelope as the exported soundtrack. No audio files. Starts after a gesture.

const OVERTONE = 0.18; // as render/audio.py: a little of the octave above
const LOOKAHEAD = 0.25; // seconds of tones scheduled ahead of the show's clock
const CURVE_POINTS = 64;
const CATCH_UP = 0.005; // seconds of fade-in for a tone joined after it began (a jump, a slow frame): no click

/** The envelope's gain at t seconds into a tone (raised-cosine attack and release), as timeline/sound.py. */
export function envelopeAt(env, t) {
  if (t < 0 || t > env.duration) return 0;
  const rise = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(Math.max(t / env.attack, 0), 1));
  const fall = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(Math.max((env.duration - t) / env.release, 0), 1));
  return env.gain * rise * fall;
}

export class TonePlayer {
  constructor() {
    this.context = null;
    this.master = null;
    this.muted = false;
    this.scheduledUntil = -Infinity;
    this.voices = new Set();
    this.played = []; // [{start, frequency, offset}] scheduled since the last start: what is meant to be heard
    this.joinFrom = null; // after a jump: the show time from which tones already sounding are joined part way
  }

  /** Create or wake the audio context; call from a click (browsers allow sound only after a gesture). */
  async unlock() {
    if (!this.context) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return false;
      this.context = new Context();
      this.master = this.context.createGain();
      this.master.gain.value = this.muted ? 0 : 1;
      this.master.connect(this.context.destination);
    }
    if (this.context.state === "suspended") await this.context.resume();
    return true;
  }

  setMuted(muted) {
    this.muted = muted;
    if (this.master) this.master.gain.setValueAtTime(muted ? 0 : 1, this.context.currentTime);
  }

  /** Forget what was scheduled (after a jump in the show's clock) and silence the tones already queued. */
  reset(showTime) {
    this.scheduledUntil = showTime;
    this.joinFrom = showTime;
    this.played = [];
    for (const voice of this.voices) voice.stop();
    this.voices.clear();
  }

  /**
   * Schedule every tone of `show` that starts in the next LOOKAHEAD seconds after show time t. A tone that should
   * already be sounding (the show jumped into it, or a frame came late) is joined where the timeline has it.
   */
  schedule(show, t) {
    if (!this.context || this.context.state !== "running") return;
    const env = show.sound.envelope;
    const until = t + LOOKAHEAD;
    const now = this.context.currentTime;
    const joined = this.joinFrom === null ? Infinity : this.joinFrom - env.duration;
    const from = Math.min(this.scheduledUntil, joined);
    this.joinFrom = null;
    for (const tone of show.tones) {
      if (tone.start < from || tone.start >= until) continue;
      const offset = Math.max(0, t - tone.start);
      if (env.duration - offset < 2 * CATCH_UP) continue; // over, or all but: nothing left worth hearing
      this.play(tone.frequency, now + Math.max(0, tone.start - t), env, offset);
      this.played.push({ start: tone.start, frequency: tone.frequency, offset });
    }
    this.scheduledUntil = Math.max(this.scheduledUntil, until);
  }

  /** Sound one tone at audio time `when`, from `offset` seconds into its envelope. */
  play(frequency, when, env, offset = 0) {
    const length = env.duration - offset;
    const gain = this.context.createGain();
    const curve = new Float32Array(CURVE_POINTS);
    for (let i = 0; i < CURVE_POINTS; i += 1) {
      const since = (i / (CURVE_POINTS - 1)) * length;
      curve[i] = envelopeAt(env, offset + since) * (offset > 0 ? Math.min(1, since / CATCH_UP) : 1);
    }
    gain.gain.setValueAtTime(0, when);
    gain.gain.setValueCurveAtTime(curve, when, length);
    gain.connect(this.master);
    for (const [multiple, share] of [[1, 1], [2, OVERTONE]]) {
      const voice = this.context.createOscillator();
      const level = this.context.createGain();
      voice.frequency.value = frequency * multiple;
      level.gain.value = share / (1 + OVERTONE);
      voice.connect(level).connect(gain);
      voice.start(when);
      voice.stop(when + length + 0.01);
      this.voices.add(voice);
      voice.onended = () => this.voices.delete(voice);
    }
  }
}

// The steps made audible with the Web Audio API: one synthesized tone per step, its pitch from the server's
// loss → note mapping, the same envelope as the exported soundtrack. No audio files. Starts after a gesture.

const OVERTONE = 0.18; // as render/audio.py: a little of the octave above
const LOOKAHEAD = 0.25; // seconds of tones scheduled ahead of the show's clock
const CURVE_POINTS = 64;

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
    this.played = []; // [{start, frequency}] of the tones scheduled since the last start: what is meant to be heard
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
    this.played = [];
    for (const voice of this.voices) voice.stop();
    this.voices.clear();
  }

  /** Schedule every tone of `show` that starts in the next LOOKAHEAD seconds after show time t. */
  schedule(show, t) {
    if (!this.context || this.context.state !== "running") return;
    const until = t + LOOKAHEAD;
    const now = this.context.currentTime;
    for (const tone of show.tones) {
      if (tone.start < this.scheduledUntil || tone.start >= until) continue;
      const delay = tone.start - t;
      if (delay < -0.03) continue; // too late to sound on time: skip it rather than play it late
      this.play(tone.frequency, now + Math.max(0, delay), show.sound.envelope);
      this.played.push({ start: tone.start, frequency: tone.frequency });
    }
    this.scheduledUntil = Math.max(this.scheduledUntil, until);
  }

  play(frequency, when, env) {
    const gain = this.context.createGain();
    const curve = new Float32Array(CURVE_POINTS);
    for (let i = 0; i < CURVE_POINTS; i += 1) curve[i] = envelopeAt(env, (i / (CURVE_POINTS - 1)) * env.duration);
    gain.gain.setValueAtTime(0, when);
    gain.gain.setValueCurveAtTime(curve, when, env.duration);
    gain.connect(this.master);
    for (const [multiple, share] of [[1, 1], [2, OVERTONE]]) {
      const voice = this.context.createOscillator();
      const level = this.context.createGain();
      voice.frequency.value = frequency * multiple;
      level.gain.value = share / (1 + OVERTONE);
      voice.connect(level).connect(gain);
      voice.start(when);
      voice.stop(when + env.duration + 0.01);
      this.voices.add(voice);
      voice.onended = () => this.voices.delete(voice);
    }
  }
}

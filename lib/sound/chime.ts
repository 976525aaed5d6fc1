// The reminder sound: two short soft tones, synthesised so the extension ships no audio file.
// Runs wherever a DOM AudioContext exists (Chrome's offscreen document, Firefox's background page).

const NOTES: readonly [frequencyHz: number, startS: number][] = [
  [880, 0],
  [1175, 0.18],
];
const NOTE_S = 0.35;

/** Plays the chime; resolves when it has finished. */
export async function playChime(AudioContextClass: typeof AudioContext = AudioContext): Promise<void> {
  const context = new AudioContextClass();
  try {
    const start = context.currentTime + 0.02;
    for (const [frequency, offset] of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A quick rise and an exponential fade: no click at either end.
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + NOTE_S);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + NOTE_S);
    }
    const lastEnd = Math.max(...NOTES.map(([, offset]) => offset)) + NOTE_S;
    await new Promise((resolve) => setTimeout(resolve, (lastEnd + 0.05) * 1000));
  } finally {
    await context.close();
  }
}

/** The one message the offscreen document understands. */
export const CHIME_MESSAGE = { type: 'offscreen.chime' } as const;
export const isChimeMessage = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === CHIME_MESSAGE.type;

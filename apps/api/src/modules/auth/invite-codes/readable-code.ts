import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `RF-XXXX-XXXX-XXXX`: about 59 bits of randomness, easy to read and type. */
export function readableInviteCode(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `RF-${group()}-${group()}-${group()}`;
}

import { parseFlags } from './flags.js';

describe('parseFlags', () => {
  it('reads "--name value" and "--name=value"', () => {
    expect(parseFlags(['--max-uses', '5', '--note=For the beta'], ['max-uses', 'note'])).toEqual({ 'max-uses': '5', note: 'For the beta' });
    expect(parseFlags([], ['note'])).toEqual({});
  });

  it('names what it cannot read', () => {
    expect(() => parseFlags(['--colour', 'red'], ['note'])).toThrow('Unknown option --colour');
    expect(() => parseFlags(['--note'], ['note'])).toThrow('Option --note needs a value');
    expect(() => parseFlags(['stray'], ['note'])).toThrow('Unexpected argument "stray"');
  });

  it('reads bare switches, which take no value', () => {
    expect(parseFlags(['--dry-run', '--batch-size', '10'], ['batch-size'], ['dry-run'])).toEqual({ 'dry-run': true, 'batch-size': '10' });
    expect(parseFlags(['--batch-size=10'], ['batch-size'], ['dry-run'])).toEqual({ 'batch-size': '10' });
    expect(() => parseFlags(['--dry-run=yes'], [], ['dry-run'])).toThrow('Option --dry-run takes no value');
    expect(() => parseFlags(['--dry'], ['batch-size'], ['dry-run'])).toThrow('expected --batch-size, --dry-run');
  });
});

import passport from 'passport';
import { runStrategy, type PassportRequest } from './passport-runner.js';

/** A minimal strategy whose behaviour each test picks. */
class ScriptedStrategy {
  constructor(private readonly script: (strategy: ScriptedStrategy & StrategyActions) => void) {}
  authenticate(this: ScriptedStrategy & StrategyActions): void {
    this.script(this);
  }
}

interface StrategyActions {
  redirect(url: string, status?: number): void;
  success(user: unknown): void;
  fail(info: unknown): void;
  error(error: Error): void;
}

const request: PassportRequest = {
  method: 'GET',
  protocol: 'https',
  host: 'api.example.test',
  url: '/callback',
  originalUrl: '/callback',
  headers: {},
  query: {},
  session: {},
};

function use(script: (strategy: ScriptedStrategy & StrategyActions) => void): string {
  const name = `scripted-${Math.random().toString(36).slice(2)}`;
  passport.use(name, new ScriptedStrategy(script) as unknown as passport.Strategy);
  return name;
}

describe('runStrategy', () => {
  it('hands back the redirect a strategy writes to the response', async () => {
    const name = use((s) => s.redirect('https://provider.example.test/authorize?x=1'));
    await expect(runStrategy(name, request, {})).resolves.toEqual({
      kind: 'redirect',
      location: 'https://provider.example.test/authorize?x=1',
    });
  });

  it('reports success, failure and errors', async () => {
    await expect(runStrategy(use((s) => s.success({ id: 'u1' })), request, {})).resolves.toEqual({ kind: 'success', user: { id: 'u1' } });
    await expect(runStrategy(use((s) => s.fail({ message: 'denied' })), request, {})).resolves.toMatchObject({ kind: 'fail' });
    await expect(runStrategy(use((s) => s.error(new Error('boom'))), request, {})).rejects.toThrow('boom');
  });

  it('rejects an unknown strategy', async () => {
    await expect(runStrategy('nobody-registered-this', request, {})).rejects.toThrow(/Unknown authentication strategy/);
  });
});

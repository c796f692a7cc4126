import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine, Principal } from '@cascade/engine';

export const SESSION_COOKIE = 'cascade_session';

export type Context = {
  engine: Engine;
  principal: Principal | null;
  token: string | null;
  /** Lets login and logout set the session cookie for browsers (EventSource cannot send headers). */
  setCookie: (value: string) => void;
};

function readToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()) ?? [];
  const found = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return found ? decodeURIComponent(found.slice(SESSION_COOKIE.length + 1)) : null;
}

export function createContextFactory(engine: Engine) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const token = readToken(req);
    const principal = token ? await engine.resolveSession(token) : null;
    return {
      engine,
      principal,
      token,
      setCookie: (value) => res.appendHeader('Set-Cookie', value),
    };
  };
}

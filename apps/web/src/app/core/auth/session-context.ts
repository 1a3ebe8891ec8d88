import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Marks a call that manages the session itself (sign-in, sign-up, refresh, sign-out): a 401 from
 * it is an answer for the form ("wrong password"), never a reason to refresh or leave the page.
 */
export const SESSION_CALL = new HttpContextToken<boolean>(() => false);

export function sessionCall(): HttpContext {
  return new HttpContext().set(SESSION_CALL, true);
}

import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// Verified against when the account does not exist, so a miss costs as long as a wrong password.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ezIMuaapVjf2EhPslyNWBg$8YxxoNGakJlZf7p0pd7lEhZDvmlb0EORYth2+lXUzvI';

/** Argon2id with the OWASP-recommended parameters. */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }

  async verify(storedHash: string | null | undefined, password: string): Promise<boolean> {
    try {
      return await verify(storedHash ?? DECOY_HASH, password);
    } catch {
      return false;
    }
  }
}

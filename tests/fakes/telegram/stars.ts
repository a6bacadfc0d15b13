/**
 * The bot's Star balance as paid broadcasts draw on it: 0.1 Star for each send with
 * allow_paid_broadcast past the free rate. An empty balance refuses the send with an answer a test
 * chooses, since Telegram does not document it (default 400 `Bad Request: BALANCE_TOO_LOW`).
 */
import type { StarAmount } from "grammy/types";
import { ApiError } from "./errors.js";

export interface PaidRefusal {
  /** HTTP status and error_code (default 400). */
  code?: number;
  /** The whole description (default "Bad Request: BALANCE_TOO_LOW"). */
  description?: string;
}

export interface StarOptions {
  /** Stars at the start (default 0: every send past the free rate is refused). */
  balance?: number;
  refusal?: PaidRefusal;
}

export class StarBalance {
  /** In tenths of a Star: one paid message each. */
  private tenths: number;
  private refusal: Required<PaidRefusal>;
  /** Sends paid for so far. */
  paidMessages = 0;

  constructor(options: StarOptions = {}) {
    this.tenths = Math.round((options.balance ?? 0) * 10);
    this.refusal = { code: 400, description: "Bad Request: BALANCE_TOO_LOW", ...options.refusal };
  }

  /** Takes 0.1 Star for one send past the free rate, or throws the refusal. */
  pay(): void {
    if (this.tenths < 1) throw new ApiError(this.refusal.code, this.refusal.description);
    this.tenths -= 1;
    this.paidMessages++;
  }

  set(stars: number): void {
    this.tenths = Math.round(stars * 10);
  }

  refuseWith(refusal: PaidRefusal): void {
    this.refusal = { code: 400, description: "Bad Request: BALANCE_TOO_LOW", ...refusal };
  }

  /** Stars left, as a number (e.g. 12.3). */
  get stars(): number {
    return this.tenths / 10;
  }

  /** getMyStarBalance's answer. */
  amount(): StarAmount {
    const whole = Math.floor(this.tenths / 10);
    const rest = this.tenths - whole * 10;
    return rest ? { amount: whole, nanostar_amount: rest * 100_000_000 } : { amount: whole };
  }
}

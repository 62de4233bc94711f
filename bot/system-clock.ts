// The only place that reads the wall clock.

import type { Clock } from './app/clock';

export const systemClock: Clock = { now: () => new Date() };

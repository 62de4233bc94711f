// How a round chases late answers, as data: when officers are reminded and when their managers
// and the coordinator hear of overdue plans. A round carries its own policy (set when it is
// created, from the register's schedule or the defaults), so a later register change does not
// alter a running round. The decision function that reads it is `decideLateActions`.

export interface ReminderPolicy {
  /** Working days before the due date on which officers are reminded, e.g. [5, 1]. */
  beforeDue: number[];
  /** Remind on the due date itself (on the working day before, when it is a day off). */
  onDueDate: boolean;
  /** While overdue: every this many working days after the due date … */
  overdueEvery: number;
  /** … at most this many times (0: no reminders once overdue). */
  overdueMax: number;
  /** Local time of day (`HH:mm`) at which reminders go out; escalation digests go out at it too. */
  at: string;
}

export interface EscalationPolicy {
  /**
   * The manager's digest (and the coordinators' overdue list) goes out on this working day after
   * the due date, e.g. 3: the third working day after it (0: never escalate).
   */
  afterWorkingDays: number;
  /** Then again every this many working days … */
  every: number;
  /** … at most this many digests in all. */
  max: number;
}

export interface LatenessPolicy {
  reminders: ReminderPolicy;
  escalation: EscalationPolicy;
}

export const DEFAULT_LATENESS_POLICY: LatenessPolicy = {
  reminders: { beforeDue: [5, 1], onDueDate: true, overdueEvery: 2, overdueMax: 3, at: '09:00' },
  escalation: { afterWorkingDays: 3, every: 5, max: 2 },
};

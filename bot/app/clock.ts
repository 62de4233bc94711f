// Time comes into use cases through a Clock so that tests can set it.

export interface Clock {
  now(): Date;
}

// A clock the test moves by hand.
export class TestClock {
  constructor(private current = new Date('2026-11-23T09:00:00Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

// Reported values of the effect measures (effektmått). Owned by the measures feature (issue #3).
import type { TableClient } from '@azure/data-tables';

export class MeasureStore {
  constructor(
    readonly table: TableClient,
    readonly now: () => Date = () => new Date(),
  ) {}
}

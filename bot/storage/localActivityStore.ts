// An arena's local activities: adopted recommendations and its own. Owned by the new-activity feature (issue #3).
import type { TableClient } from '@azure/data-tables';

export class LocalActivityStore {
  constructor(
    readonly table: TableClient,
    readonly now: () => Date = () => new Date(),
  ) {}
}

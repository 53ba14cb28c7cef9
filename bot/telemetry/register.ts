// Imported first by bot/index.ts (after dotenv), so that OpenTelemetry hooks http, the Azure SDK
// and pino before the app loads them.
import { startTelemetry } from './start';

startTelemetry(process.env);

import { contractSuite } from './contract-suite';
import { ipcShaped } from './transports';

contractSuite('an IPC-shaped transport (Electron)', ipcShaped);

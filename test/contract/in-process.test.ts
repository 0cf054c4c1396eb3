import { contractSuite } from './contract-suite';
import { inProcess } from './transports';

contractSuite('the in-process transport (the CLI)', inProcess);

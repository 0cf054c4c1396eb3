import { contractSuite } from './contract-suite';
import { http } from './transports';

contractSuite('HTTP (cairn serve)', http);

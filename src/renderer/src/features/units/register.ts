import { sidePanels } from '../slots';
import { UnitsPanel } from './UnitsPanel';

sidePanels.push({ id: 'units', title: '下属单位', component: UnitsPanel });

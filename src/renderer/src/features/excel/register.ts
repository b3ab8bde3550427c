import { draftToolbarItems } from '../slots';
import { ExcelToolbar } from './ExcelToolbar';
import './excel.css';

draftToolbarItems.push({ id: 'excel', component: ExcelToolbar });

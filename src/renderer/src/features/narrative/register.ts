import { customTableViews } from '../slots';
import { NarrativeView } from './NarrativeView';
import { ReasonsView } from './ReasonsView';
import './narrative.css';

customTableViews.narrative = NarrativeView;
customTableViews.lineNotes = ReasonsView;

import { customTableViews } from '../slots';
import { NarrativeView } from './NarrativeView';
import './narrative.css';

customTableViews.narrative = NarrativeView;

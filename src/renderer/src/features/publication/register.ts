import { draftToolbarItems } from '../slots';
import { PublishButton } from './PublishButton';
import './publication.css';

draftToolbarItems.push({ id: 'publication', component: PublishButton });

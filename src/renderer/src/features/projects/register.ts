import { customTableViews } from '../slots';
import { ProjectsView } from './ProjectsView';
import './projects.css';

customTableViews.projects = ProjectsView;

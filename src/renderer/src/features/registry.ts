/**
 * Extension points of the draft window. A feature folder registers itself from its own
 * `register.ts`, which imports the containers from './registry' (or './slots') and adds to them:
 *
 *   // src/renderer/src/features/projects/register.ts
 *   import { customTableViews } from '../registry';
 *   customTableViews.projects = ProjectsView;
 *
 * and adds ONE import line below. The containers live in ./slots so these imports never
 * meet a half-initialised module.
 */
export {
  customTableViews,
  draftToolbarItems,
  sidePanels,
  type DraftContextProps,
  type DraftToolbarProps,
  type OpenDraft,
  type SidePanelProps,
  type TableViewProps,
} from './slots';

// Registrations: one line per feature folder.
import './projects/register';
import './narrative/register';
import './review/register';
import './excel/register';
import './publication/register';
import './units/register';

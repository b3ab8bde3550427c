import { draftToolbarItems, sidePanels } from '../slots';
import { CommentsPanel } from './CommentsPanel';
import { HistoryPanel } from './HistoryPanel';
import { ReviewToolbar } from './ReviewToolbar';
import './review.css';

draftToolbarItems.push({ id: 'review', component: ReviewToolbar });
sidePanels.push({ id: 'review-comments', title: '审核意见', component: CommentsPanel });
sidePanels.push({ id: 'review-history', title: '历史与签名', component: HistoryPanel });

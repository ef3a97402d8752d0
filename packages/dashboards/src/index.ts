export type {
  AlertRule,
  AlertRuleTrigger,
  Dashboard,
  Widget,
  WidgetDisplayType,
  WidgetLayout,
  WidgetQuery,
  WidgetType,
} from './definitions.js';

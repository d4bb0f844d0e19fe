import { makeStyles } from '@fluentui/react-components';

// Text for screen readers only (for example "Met:" before a password hint whose state is otherwise shown by a symbol).
export const useVisuallyHiddenStyles = makeStyles({
  root: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: '0',
  },
});

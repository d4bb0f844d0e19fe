import { makeStyles } from '@fluentui/react-components';

// Shared layout of the wizard's forms: fields stacked, the buttons in one row at the end like the Windows dialog.
export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px' },
  text: { margin: '0' },
  // Paragraphs that belong together (an error's action and the channels that are down): close, but apart.
  stack: { display: 'flex', flexDirection: 'column', gap: '8px' },
  actions: { display: 'flex', justifyContent: 'flex-end', gap: '8px', marginTop: '8px' },
});

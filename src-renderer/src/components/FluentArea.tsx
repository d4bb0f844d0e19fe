import type { ComponentType } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';

/**
 * Fluent UI's theme for what is drawn with Fluent components: every screen after the first, the CAPTCHA and the idle
 * countdown. Loaded with them in a later chunk, so the first screen never waits for Fluent's tokens and style engine.
 */
export function withFluent<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function WithFluent(props: P) {
    return (
      <FluentProvider theme={webLightTheme} className="rd-fluent">
        <Component {...props} />
      </FluentProvider>
    );
  }
  WithFluent.displayName = `WithFluent(${Component.displayName ?? Component.name})`;
  return WithFluent;
}

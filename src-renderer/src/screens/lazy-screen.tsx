import { lazy, type ComponentType } from 'react';

export type PreloadableComponent<P extends object> = ComponentType<P> & { preload(): Promise<void> };

/**
 * A screen in its own chunk, loaded when first shown, or earlier by preload() (the app preloads every screen once the
 * first one is usable). Once loaded it renders directly, never through Suspense, so moving to a preloaded screen
 * never flashes an empty card or drops focus while a chunk arrives.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (loading ??= load().then((component) => {
      loaded = component;
      return component;
    }));
  const Lazy = lazy(async () => ({ default: await start() }));
  function Screen(props: P) {
    const Component = loaded ?? Lazy;
    return <Component {...props} />;
  }
  Screen.preload = async () => {
    await start();
  };
  return Screen as PreloadableComponent<P>;
}

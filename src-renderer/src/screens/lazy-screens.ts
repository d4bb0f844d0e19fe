import type { ComponentType } from 'react';
import { lazyScreen, type PreloadableComponent } from './lazy-screen';

/** Loads a component's chunk and Fluent's (shared by all of them) together, and wraps the one in the other. */
async function withFluentFrom<P extends object>(load: Promise<ComponentType<P>>): Promise<ComponentType<P>> {
  const [{ withFluent }, component] = await Promise.all([import('../components/FluentArea'), load]);
  return withFluent(component);
}

const ALL: PreloadableComponent<never>[] = [];

/** A later screen: its chunk and Fluent's, loaded when first shown or by preloadLaterScreens(). */
function later<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableComponent<P> {
  const screen = lazyScreen(() => withFluentFrom(load()));
  ALL.push(screen as PreloadableComponent<never>);
  return screen;
}

// Every screen but the first, each in its own chunk with Fluent: the first screen's JavaScript stays what it needs to be usable.
export const AnswerQuestionsScreen = later(() => import('./AnswerQuestionsScreen').then((m) => m.AnswerQuestionsScreen));
export const AwaitDecisionScreen = later(() => import('./AwaitDecisionScreen').then((m) => m.AwaitDecisionScreen));
export const ChangePasswordScreen = later(() => import('./ChangePasswordScreen').then((m) => m.ChangePasswordScreen));
export const ChooseMethodScreen = later(() => import('./ChooseMethodScreen').then((m) => m.ChooseMethodScreen));
export const DoneScreen = later(() => import('./DoneScreen').then((m) => m.DoneScreen));
export const EnterCodeScreen = later(() => import('./EnterCodeScreen').then((m) => m.EnterCodeScreen));
export const ErrorScreen = later(() => import('./ErrorScreen').then((m) => m.ErrorScreen));
export const UsePasskeyScreen = later(() => import('./UsePasskeyScreen').then((m) => m.UsePasskeyScreen));
export const NewPasswordScreen = later(() => import('./NewPasswordScreen').then((m) => m.NewPasswordScreen));
export const SecurityInfoSignInScreen = later(() =>
  import('./SecurityInfoSignInScreen').then((m) => m.SecurityInfoSignInScreen),
);
export const ManageSecurityInfoScreen = later(() =>
  import('./ManageSecurityInfoScreen').then((m) => m.ManageSecurityInfoScreen),
);
export const ConfirmRegistrationScreen = later(() =>
  import('./ConfirmRegistrationScreen').then((m) => m.ConfirmRegistrationScreen),
);
export const SecurityInfoRequiredScreen = later(() =>
  import('./SecurityInfoRequiredScreen').then((m) => m.SecurityInfoRequiredScreen),
);
export const CaptchaField = later(() => import('../components/CaptchaField').then((m) => m.CaptchaField));
export const IdleCountdown = later(() => import('../components/IdleCountdown').then((m) => m.IdleCountdown));

/** Loads every later screen in the background, so each is there before a person reaches it. */
export function preloadLaterScreens(): Promise<void> {
  return Promise.all(ALL.map((screen) => screen.preload())).then(() => undefined);
}

import type { ComponentType } from 'react';
import { lazyScreen } from './lazy-screen';

/** Loads a component's chunk and Fluent's (shared by all of them) together, and wraps the one in the other. */
async function withFluentFrom<P extends object>(load: Promise<ComponentType<P>>): Promise<ComponentType<P>> {
  const [{ withFluent }, component] = await Promise.all([import('../components/FluentArea'), load]);
  return withFluent(component);
}

// Every screen but the first, each in its own chunk with Fluent: the first screen's JavaScript stays what it needs to be usable.
export const AnswerQuestionsScreen = lazyScreen(() => withFluentFrom(import('./AnswerQuestionsScreen').then((m) => m.AnswerQuestionsScreen)));
export const AwaitDecisionScreen = lazyScreen(() => withFluentFrom(import('./AwaitDecisionScreen').then((m) => m.AwaitDecisionScreen)));
export const ChangePasswordScreen = lazyScreen(() => withFluentFrom(import('./ChangePasswordScreen').then((m) => m.ChangePasswordScreen)));
export const ChooseMethodScreen = lazyScreen(() => withFluentFrom(import('./ChooseMethodScreen').then((m) => m.ChooseMethodScreen)));
export const DoneScreen = lazyScreen(() => withFluentFrom(import('./DoneScreen').then((m) => m.DoneScreen)));
export const EnterCodeScreen = lazyScreen(() => withFluentFrom(import('./EnterCodeScreen').then((m) => m.EnterCodeScreen)));
export const ErrorScreen = lazyScreen(() => withFluentFrom(import('./ErrorScreen').then((m) => m.ErrorScreen)));
export const NewPasswordScreen = lazyScreen(() => withFluentFrom(import('./NewPasswordScreen').then((m) => m.NewPasswordScreen)));
export const CaptchaField = lazyScreen(() => withFluentFrom(import('../components/CaptchaField').then((m) => m.CaptchaField)));
export const IdleCountdown = lazyScreen(() => withFluentFrom(import('../components/IdleCountdown').then((m) => m.IdleCountdown)));

const ALL = [
  AnswerQuestionsScreen,
  AwaitDecisionScreen,
  ChangePasswordScreen,
  ChooseMethodScreen,
  DoneScreen,
  EnterCodeScreen,
  ErrorScreen,
  NewPasswordScreen,
  CaptchaField,
  IdleCountdown,
];

/** Loads every later screen in the background, so each is there before a person reaches it. */
export function preloadLaterScreens(): Promise<void> {
  return Promise.all(ALL.map((screen) => screen.preload())).then(() => undefined);
}

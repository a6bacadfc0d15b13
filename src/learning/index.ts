/**
 * What a platform adapter needs from the learning core: it turns updates into `Incoming` and hands them
 * to `LearningCore.respond` (or `handle`), and implements `Sender` for its platform.
 */
export { assembleLearning, type Learning } from "./assemble.js";
export type { AdapterContext, PlatformAdapter, UploadCache } from "./adapter.js";
export type { Incoming, Reply } from "./context.js";
export { LearningCore, type ButtonAnswer } from "./core.js";
export { parseLessonButton, type LessonAction } from "./lessonMessages.js";
export { Catalogue, type CatalogueRendering } from "./catalogue.js";
export { CourseView, type CourseRendering } from "./courseView.js";
export { Courses } from "./courses.js";
export { isChoiceData } from "./courseChoices.js";
export { defaultRateLimits, type RateLimits, type Window } from "./rateLimiter.js";
export { describeSendError, type Button, type Choice, type OutgoingMessage, type QuizPrompt, type SendError, type SendOptions, type SendResult, type Sender, type SenderFeatures } from "./sender.js";
export { parseQuizAnswer, parseReviewButton, quizAnswerData } from "./quiz/prompt.js";
export type { ChatAddress, ChatKind, Language } from "../contract/chat.js";
export { COMMAND_MENU, type CommandInfo } from "../i18n/commands.js";
export { catalogFor, languageFrom, markupFor, type Catalog } from "../i18n/index.js";

export { ConsoleSender } from "./consoleSender.js";
export { ConsoleScreen } from "./screen.js";
export { consoleChat, runConsoleChat, type ChatEnd, type ConsoleUser } from "./consoleChat.js";

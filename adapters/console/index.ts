export { ConsoleSender } from "./consoleSender.js";
export { consoleChat, runConsoleChat, type ConsoleUser } from "./consoleChat.js";

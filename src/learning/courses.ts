import type { Platform } from "../contract/lessons.js";
import type { CourseView } from "./courseView.js";

/** The course as rendered for each platform the bot serves (same lesson ids everywhere). */
export class Courses {
  private readonly byPlatform = new Map<Platform, CourseView>();

  constructor(views: Iterable<[Platform, CourseView]>) {
    for (const [platform, view] of views) this.byPlatform.set(platform, view);
  }

  get platforms(): Platform[] {
    return [...this.byPlatform.keys()];
  }

  for(platform: Platform): CourseView {
    const view = this.byPlatform.get(platform);
    if (!view) throw new Error(`no course rendered for platform ${platform}`);
    return view;
  }

  has(platform: Platform): boolean {
    return this.byPlatform.has(platform);
  }

  /** A re-read course takes the place of the old one (lesson ids are stable: learners keep their place). */
  replace(platform: Platform, view: CourseView): void {
    this.byPlatform.set(platform, view);
  }
}

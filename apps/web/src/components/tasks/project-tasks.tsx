"use client";

// The tasks section of a project's page: Board and Table views of the same tasks (the view is in the URL), and
// "New task".
import { Tabs, TabsContent, TabsList, TabsTrigger } from "~/components/ui/tabs";
import { CreateTaskDialog } from "./create-task-dialog";
import { TaskBoard } from "./task-board";
import { TaskTable } from "./task-table";
import { useTaskViewParams } from "./use-view-params";

export function ProjectTasks(props: { projectId: string }) {
  const { view, setView } = useTaskViewParams();
  return (
    <section aria-labelledby="tasks-heading" className="mt-8">
      <Tabs value={view} onValueChange={(v) => setView(v === "table" ? "table" : "board")}>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-4">
            <h2 id="tasks-heading" className="text-lg font-semibold">
              Tasks
            </h2>
            <TabsList aria-label="Task views">
              <TabsTrigger value="board">Board</TabsTrigger>
              <TabsTrigger value="table">Table</TabsTrigger>
            </TabsList>
          </div>
          <CreateTaskDialog projectId={props.projectId} />
        </div>
        <TabsContent value="board">
          <TaskBoard projectId={props.projectId} />
        </TabsContent>
        <TabsContent value="table">
          <TaskTable projectId={props.projectId} />
        </TabsContent>
      </Tabs>
    </section>
  );
}

// The multipart inputs of the matrices: an attachment for a task and a knowledge-base document.
export function upload(taskId: string): FormData {
  const form = new FormData();
  form.append("taskId", taskId);
  form.append("file", new File(["hello"], "matrix.txt", { type: "text/plain" }));
  return form;
}

export function knowledgeUpload(): FormData {
  const form = new FormData();
  form.append(
    "file",
    new File(["# Matrix\n\nhello knowledge"], "matrix.md", { type: "text/markdown" }),
  );
  return form;
}

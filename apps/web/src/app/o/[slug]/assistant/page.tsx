import type { Metadata } from "next";

import { ChatPage } from "~/components/assistant/chat-page";
import { PageHeader } from "~/components/ui/page-header";

export const metadata: Metadata = { title: "Assistant" };

export default function AssistantPage() {
  return (
    <>
      <PageHeader
        title="Assistant"
        description="Ask the organization's agents; answers cite the knowledge base, and actions wait for your confirmation."
      />
      <ChatPage />
    </>
  );
}

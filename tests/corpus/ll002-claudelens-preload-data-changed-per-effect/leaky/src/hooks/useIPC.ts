import { useEffect } from 'react'
import { useQuery, useQueryClient } from 'react-query'

declare global {
  interface Window {
    electronAPI: {
      memory: { listProjects: () => Promise<unknown>; getProject: (hash: string) => Promise<unknown> }
      onDataChanged: (callback: () => void) => void
    }
  }
}

export function useProjects() {
  return useQuery('memory:projects', () => window.electronAPI.memory.listProjects())
}

export function useDataChangedRefetch() {
  const qc = useQueryClient()

  useEffect(() => {
    window.electronAPI.onDataChanged(() => {
      qc.invalidateQueries('memory:projects')
      qc.invalidateQueries('sessions:project')
      qc.invalidateQueries('skills:all')
    })
  }, [qc])
}

/**
 * The camera at the desk: a live preview once the operator turns it on, "Chụp" takes the frame
 * through the capture port, and the tracks stop after a capture and when the page is left. Without
 * a camera (none, permission refused, a page that is not a secure context) a photo file is the
 * fallback, taken with the device's own camera app where it has one.
 */
import { CameraOutlined, UploadOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/i18n.tsx';
import type { CapturePort, FaceCapture } from './capture-port.ts';
import { cameraPort, filePort } from './sources.ts';

type CameraState = 'off' | 'starting' | 'live' | 'unavailable';

export function CameraCapture({ disabled, onCaptured, onFailed }: { disabled: boolean; onCaptured: (capture: FaceCapture) => void; onFailed: () => void }) {
  const m = useMessages();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const file = useRef<HTMLInputElement>(null);
  // Browsers give the camera to secure contexts only (https, localhost).
  const cameraExists = window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
  const [state, setState] = useState<CameraState>(cameraExists ? 'off' : 'unavailable');

  const stop = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };
  // Leaving the page, or consent withdrawn (the panel mounts a new camera then), turns the camera off.
  useEffect(() => stop, []);

  const start = async () => {
    setState('starting');
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
      if (video.current) {
        video.current.srcObject = stream.current;
        await video.current.play();
      }
      setState('live');
    } catch {
      // No camera, or the person refused it: the file fallback remains.
      stop();
      setState('unavailable');
    }
  };

  const take = async (port: CapturePort) => {
    try {
      onCaptured(await port.capture());
    } catch {
      onFailed();
    } finally {
      stop();
      setState((s) => (s === 'live' ? 'off' : s));
    }
  };

  return (
    <Flex vertical gap={8}>
      <video
        ref={video}
        className="desk-preview"
        muted
        playsInline
        hidden={state !== 'live'}
        aria-label={m.desk.capture.preview}
      />
      {state === 'unavailable' && cameraExists && <Alert type="warning" showIcon title={m.desk.capture.cameraRefused} />}
      <Flex wrap gap={8}>
        {state === 'live' ? (
          <Button type="primary" icon={<CameraOutlined />} disabled={disabled} onClick={() => video.current && void take(cameraPort(video.current))}>
            {m.desk.capture.take}
          </Button>
        ) : (
          cameraExists &&
          state !== 'unavailable' && (
            <Button icon={<VideoCameraOutlined />} disabled={disabled} loading={state === 'starting'} onClick={() => void start()}>
              {m.desk.capture.startCamera}
            </Button>
          )
        )}
        <Button icon={<UploadOutlined />} disabled={disabled} onClick={() => file.current?.click()}>
          {m.desk.capture.fromFile}
        </Button>
        <input
          ref={file}
          type="file"
          accept="image/*"
          capture="user"
          style={{ display: 'none' }}
          aria-label={m.desk.capture.fromFile}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            // The input forgets the file at once: the photo is read once, into a template, and dropped.
            event.target.value = '';
            if (chosen) void take(filePort(chosen));
          }}
        />
      </Flex>
      <Typography.Text type="secondary">{m.desk.capture.standInExtractor}</Typography.Text>
    </Flex>
  );
}

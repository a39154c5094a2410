"""PyTorch peer for bench/train.ts: the tutorial's LSTM on the same prepared split.

Usage: torch_train.py <split folder> [seed]. Reads <dir>/split.json (shapes) and the raw float32/int32 arrays written by the benchmark,
trains LSTM(32, sequences) -> LSTM(16) -> Linear(1) with BCE-with-logits and Adam
(Keras defaults: lr 1e-3, eps 1e-7), batch 32, shuffled, on one thread, and prints one
JSON object: seconds per epoch, windows per epoch and test accuracy.
"""
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
folder = sys.argv[1]
torch.manual_seed(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
meta = json.load(open(f"{folder}/split.json"))
steps, channels, epochs, batch = meta["steps"], meta["channels"], meta["epochs"], meta["batch"]


def load(name):
    n = meta["counts"][name]
    x = np.fromfile(f"{folder}/{name}.x.bin", dtype=np.float32).reshape(n, steps, channels)
    y = np.fromfile(f"{folder}/{name}.y.bin", dtype=np.int32).astype(np.float32)
    return torch.from_numpy(x), torch.from_numpy(y)


class Tutorial(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm1 = torch.nn.LSTM(channels, 32, batch_first=True)
        self.lstm2 = torch.nn.LSTM(32, 16, batch_first=True)
        self.head = torch.nn.Linear(16, 1)

    def forward(self, x):
        seq, _ = self.lstm1(x)
        _, (h, _) = self.lstm2(seq)
        return self.head(h[-1]).squeeze(-1)


x_train, y_train = load("train")
x_test, y_test = load("test")
model = Tutorial()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = torch.nn.BCEWithLogitsLoss()
seconds = []
for epoch in range(epochs):
    started = time.perf_counter()
    order = torch.randperm(len(x_train))
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()
    seconds.append(time.perf_counter() - started)
with torch.no_grad():
    accuracy = float(((model(x_test) > 0).float() == y_test).float().mean())
print(json.dumps({"torch": torch.__version__, "secondsPerEpoch": seconds, "windowsPerEpoch": len(x_train), "testAccuracy": accuracy}))

"""What changes on a GPU, tested on the CPU: the set-up, and the two GPU behaviours the
notebooks depend on (no GPU is needed: the tests make TensorFlow and Keras believe one is there).

The audit behind them (every op the notebooks trace, against TensorFlow's GPU kernels):
only ``DenseBincount``, which ``CategoryEncoding(multi_hot)`` runs, has no deterministic GPU
kernel, so notebook 08 builds its bag of words in NumPy instead; and Keras
runs LSTM/GRU through cuDNN on a GPU, which accepts only masks padded at the end, so 08's
masked LSTM, whose padding is in front, passes ``use_cudnn=False``.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest

from utils import course, notebook

tf = notebook._import_tensorflow_quietly()
import keras  # noqa: E402
import keras.src.backend.tensorflow.rnn  # noqa: E402,F401

# The module, not the function of the same name that `keras.src.backend.tensorflow.rnn` is.
KERAS_TF_RNN = sys.modules["keras.src.backend.tensorflow.rnn"]


@pytest.fixture
def fake_gpu(monkeypatch):
    """TensorFlow lists a GPU and Keras's recurrent layers take their cuDNN branch."""
    gpu = tf.config.PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")
    real = tf.config.list_physical_devices
    monkeypatch.setattr(tf.config, "list_physical_devices",
                        lambda kind=None: [gpu] if kind == "GPU" else real(kind))
    monkeypatch.setattr(KERAS_TF_RNN, "_is_gpu_available", lambda: True)
    yield
    tf.config.experimental.enable_tensor_float_32_execution(True)


def _ops(model, spec):
    graph = tf.function(lambda x: model(x)).get_concrete_function(spec).graph.as_graph_def()
    return {n.op for n in graph.node} | {n.op for f in graph.library.function for n in f.node_def}


def test_set_seed_on_a_gpu_keeps_determinism_and_turns_tf32_off(fake_gpu, monkeypatch):
    calls = []
    monkeypatch.setattr(tf.config.experimental, "set_memory_growth",
                        lambda device, on: calls.append(("growth", on)))
    notebook.prepare_gpus()
    notebook.set_seed(7)
    assert calls == [("growth", True)]
    assert tf.config.experimental.tensor_float_32_execution_enabled() is False
    from tensorflow.python.framework import config as tf_config

    assert tf_config.is_op_determinism_enabled()
    assert notebook.on_gpu() and "op determinism stays on" in notebook.gpu_notes()[0]


def test_on_the_cpu_nothing_is_said_about_gpus():
    assert notebook.gpu_notes() == [] and not notebook.on_gpu()


def test_cudnn_needs_masks_padded_at_the_end_and_use_cudnn_false_avoids_it(fake_gpu):
    def masked(**kwargs):
        return keras.Sequential([keras.Input((None,)),
                                 keras.layers.Embedding(20, 4, mask_zero=True),
                                 keras.layers.LSTM(3, **kwargs), keras.layers.Dense(1)])

    spec = tf.TensorSpec((None, None), tf.int32)
    assert {"CudnnRNNV3", "Assert"} <= _ops(masked(), spec)     # fails at run time if pre-padded
    assert "CudnnRNNV3" not in _ops(masked(use_cudnn=False), spec)
    check = tf.function(lambda m: KERAS_TF_RNN._assert_valid_mask(m) or tf.constant(0))
    check(tf.constant([[True, True, False]]))                    # padded at the end: accepted
    with pytest.raises(tf.errors.InvalidArgumentError, match="right-padded"):
        check(tf.constant([[False, True, True]]))                # padded in front: refused


def test_multi_hot_runs_dense_bincount():
    """The one op without a deterministic GPU kernel; it must stay out of GPU models."""
    layer = keras.layers.CategoryEncoding(num_tokens=6, output_mode="multi_hot")
    ops = _ops(layer, tf.TensorSpec((None, None), tf.int32))
    assert "DenseBincount" in ops or "Bincount" in ops
    np.testing.assert_array_equal(layer(np.array([[0, 2, 2, 5]])), [[1, 0, 1, 0, 0, 1]])


def test_notebooks_keep_gpu_hazards_out():
    """No model layer list holds CategoryEncoding, and every masked LSTM/GRU avoids cuDNN."""
    for path in course.notebooks():
        code = "\n".join("".join(c["source"]) for c in
                         __import__("json").loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        # not in any code at all: a model built with keras.Model(...) would hide it from a
        # search of Sequential lists, and the layer has no use here outside a model
        assert "CategoryEncoding(" not in code, f"{path.name}: CategoryEncoding in the code"
        if "mask_zero=True" in code and re.search(r"keras\.layers\.(LSTM|GRU)\(", code):
            assert "use_cudnn=False" in code, f"{path.name}: a masked LSTM/GRU needs cuDNN off"
